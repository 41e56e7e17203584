"""The letter: one template language, rendering a draft to text or Markdown, export, and the
splitter that finds numbered parts in a pasted request.

Every piece of text with placeholders (prompts, clause bodies, the letter frame, scope
messages) is filled by `oiadraft.letter.template.fill`.
"""

"""oiadraft: draft New Zealand official information requests that get answered."""

__version__ = "0.1.0"

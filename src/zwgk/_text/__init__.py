"""The text layer every reader shares: numerals, numbering markers, vocabularies, labels.

Each piece of Chinese document grammar is defined here once:

- ``numerals``: Arabic, full-width and Chinese numerals to ``int`` / ``Decimal``;
- ``numbering``: outline markers (一、 （一） 1. （1） ① 第一条…) and the marker tree;
- ``vocab``: units of measure, organ suffixes, collective phrases, role words;
- ``labels``: the normal form of a printed row label;
- ``chars``: characters that are not text (lone surrogates), refused at every input.
"""

"""The text layer every reader shares: numerals, numbering, dates, vocabularies, the lexer.

Each piece of Chinese document grammar is defined here once:

- ``numerals``: Arabic, full-width and Chinese numerals to ``int`` / ``Decimal``;
- ``numbering``: outline markers (一、 （一） 1. （1） ① 第一条…) and the marker tree;
- ``vocab``: units of measure, organ suffixes, collective phrases, role words;
- ``dates``: printed dates (2018年3月14日, 2018-03-14, 二〇一二年二月二十日);
- ``labels``: the normal form of a printed row label;
- ``lexer``: each token kind (markers, counts, dates, clause breaks, deadline phrases)
  found once per document and read by position by every stage;
- ``chars``: characters that are not text (lone surrogates), refused at every input.
"""

"""Evaluation against gold data: CoNLL-U treebanks (:mod:`waqia.evaluate.conllu`) and UD-style
scoring of sentence segmentation and tokenisation (:mod:`waqia.evaluate.ud`)."""

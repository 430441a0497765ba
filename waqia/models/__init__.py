"""Trained Urdu models: named entities, part-of-speech tags and lemmas.

* :mod:`waqia.models.ner`: entity CRF (PER LOC ORG NUM TIME ART), trained on IL-NER, CC BY 4.0;
* :mod:`waqia.models.pos`: UPOS CRF, trained on UD Urdu-UDTB dev, CC BY-NC-SA 4.0;
* :mod:`waqia.models.lemma`: suffix-edit lemma rules, trained on UD Urdu-UDTB dev, CC BY-NC-SA 4.0;
* :mod:`waqia.models.features`: the features both CRFs share;
* :mod:`waqia.models.train`: ``train_ner`` / ``train_pos``, which rebuild the files in ``data/``.

The shipped files (``data/*.npz``, ``data/lemma.json``) are plain arrays and JSON, loaded without
pickle; ``data/README.md`` lists their sources, licences and scores. The pipeline stages that use
them are :class:`waqia.stages.tag.Tagger` and :class:`waqia.stages.entities.EntityRecognizer`.
"""

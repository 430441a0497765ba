"""Pipeline stages: each is a plain ``Document -> Document`` callable (see :mod:`waqia.pipeline`)."""

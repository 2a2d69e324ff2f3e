"""Reading and validating the authored content files (``kb/data/``).

``load`` reads every file into plain specs (``reader`` gives each field its file and line; ``aspects``,
``contrasts``, ``education``, ``outside``, ``sources`` and ``vocabulary`` read one kind of file each);
``validate`` runs the rules of ``rules/`` over them before anything is loaded into the database.
"""

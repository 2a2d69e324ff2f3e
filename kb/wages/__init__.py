"""Wages and occupations: US BLS OEWS wage data, jobs outside the operations map and pay mix.

``fetch`` gets the OEWS database onto disk and ``load`` fills the wage tables (``models``);
``figures`` answers pay questions from them and ``verdict`` decides who is paid more;
``outside*`` recognise outside occupations and their ways in, ``pay_mix`` a role's base, bonus and equity.
"""

"""The yearly follow-up campaign (``clstool campagne``): workbooks out to the carriers, answers back.

- :mod:`~clstool.campaign.addressees`: who answers for which fiche (carriers, ``contacts``);
- :mod:`~clstool.campaign.layout`: the sheets and columns shared by the writer and the reader;
- :mod:`~clstool.campaign.workbook` and :mod:`~clstool.campaign.prepare`: ``campagne preparer``;
- :mod:`~clstool.campaign.mail`: the e-mail drafts (``.eml``);
- :mod:`~clstool.campaign.values` and :mod:`~clstool.campaign.read`: reading a returned workbook;
- :mod:`~clstool.campaign.merge` and :mod:`~clstool.campaign.importer`: ``campagne importer``;
- :mod:`~clstool.campaign.state`: ``campagne etat``.
"""

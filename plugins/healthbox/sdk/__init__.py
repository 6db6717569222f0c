"""Framework-free Health Box toolkit: records, statistics, SVG charts, CSV and FHIR exports, questionnaire scoring."""

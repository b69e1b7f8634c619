"""Import: importers by suffix, encoding detection, speaker turns, respondents sheets and the
transactional pipeline (parse all → check → write). See ARCHITECTURE.md."""

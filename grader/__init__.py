"""dlexam's grader: answer CSVs against keys.json, to scores, feedback and a class report."""

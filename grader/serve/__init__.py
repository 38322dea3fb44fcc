"""``dlexam serve``: practice in the browser with instant feedback (see :mod:`grader.serve.app`)."""

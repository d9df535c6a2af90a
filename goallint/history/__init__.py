"""Goal files across git commits: each goal's timeline, and the history rules run over it.

``git.py`` is the one place that runs git; ``timeline.py`` holds the values (versions,
changes, timelines); ``build.py`` walks the history; ``run.py`` runs the H rules and
gives diagnostics, and the changes per goal that a report shows.
"""

"""Hostile inputs and the tools that check what the site makes of them.

`cables/` holds the small hostile files; `inputs.py` adds the ones too big to
commit, `sitebuild.py` runs real builds once per test run, and `htmlscan.py`
reads every page back to prove no markup came from cable text.
"""

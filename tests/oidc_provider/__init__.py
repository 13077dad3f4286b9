"""A real OpenID Connect provider for the tests: django-oauth-toolkit in its own process.

``serve.py`` starts it on 127.0.0.1 (a free port), with its own SQLite database, a fresh
RSA key, one registered client (Homeward) and test users; ``fixture.py`` is the pytest side.
"""

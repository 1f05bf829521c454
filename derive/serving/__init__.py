"""`derive serve`: a local web page to check a derivation and read the catalog.

app.py           the Starlette application: routes, templates, worker threads
verify_view.py   the verify page's form, size limit and answer (derive.verify)
catalog_view.py  the catalog pages: entries by topic, worked solutions, check reports, downloads
mathml.py        LaTeX to sanitised MathML (latex2mathml), so the pages need nothing from the internet
server.py        running it with Uvicorn: the host, the warning off loopback, opening a browser
templates/, static/  the pages (Jinja2, everything escaped) and their stylesheet and script
"""

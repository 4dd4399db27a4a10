# mSOM on the official Odoo 19 image (Ubuntu; Odoo is a deb in
# /usr/lib/python3/dist-packages, the image runs as user odoo).
#   docker compose up                          # demo on http://localhost:8069
#   docker compose run --rm odoo ./msom test   # tests and static checks
FROM odoo:19

USER root

# Google Chrome for the browser tours: Ubuntu's chromium package only
# installs a snap, which does not run in a container.
RUN apt-get update \
    && curl -fsSL -o /tmp/chrome.deb \
        https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb \
    && apt-get install -y --no-install-recommends /tmp/chrome.deb fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* /tmp/chrome.deb

# The OCA wheels require odoo==19.0.*, which pip cannot see for the deb:
# they go in with --no-deps, their dependencies being in requirements.txt.
COPY requirements.txt requirements-dev.txt requirements-oca.txt /tmp/msom/
RUN pip3 install --no-cache-dir --break-system-packages \
        -r /tmp/msom/requirements.txt -r /tmp/msom/requirements-dev.txt \
    && pip3 install --no-cache-dir --break-system-packages --no-deps \
        -r /tmp/msom/requirements-oca.txt \
    && rm -rf /tmp/msom

COPY --chown=odoo:odoo . /opt/msom
# var/ holds the logs; compose mounts a volume there.
RUN mkdir -p /opt/msom/var && chown odoo:odoo /opt/msom/var
WORKDIR /opt/msom

# ./msom uses the PostgreSQL these point to (the compose service "db"), and
# the demo listens on all interfaces so that its port can be published.
ENV PGHOST=db \
    PGPORT=5432 \
    PGUSER=odoo \
    PGPASSWORD=odoo \
    MSOM_HTTP_INTERFACE=0.0.0.0

USER odoo
EXPOSE 8069
CMD ["./msom", "demo"]

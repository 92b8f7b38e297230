# A Broadside worker: takes build jobs from Redis (BullMQ) and writes the
# editions into a shared folder mounted at /work (NFS, a mounted bucket…).
#   docker build -t broadside-worker .
#   docker run --rm -v /srv/articles:/work broadside-worker --redis redis://redis.internal:6379
# The articles' paths in the jobs are relative to /work, as they were to the
# folder `broadside build … --queue URL` was run from.
FROM node:20-bookworm-slim

ENV DEBIAN_FRONTEND=noninteractive PUPPETEER_SKIP_DOWNLOAD=1
WORKDIR /opt/broadside
COPY package.json package-lock.json .puppeteerrc.cjs ./
COPY scripts ./scripts
# System packages (Chromium, poppler, ffmpeg, the speech engines, liblouis, fonts) come from
# setup.sh, which installs exactly what the project needs; then the npm packages, without a
# browser download.
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends ca-certificates \
 && bash -c 'source <(sed -n "/^declare -A NEEDS/,/^)/p" scripts/setup.sh); apt-get install -y -qq --no-install-recommends "${!NEEDS[@]}"' \
 && rm -rf /var/lib/apt/lists/* \
 && npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.json ./
COPY src ./src
COPY bin ./bin
COPY styles ./styles
COPY data ./data
RUN npm run --silent build && npm prune --omit=dev --no-audit --no-fund --loglevel=error

# The worker runs as an unprivileged user.
RUN useradd --create-home broadside && mkdir -p /work && chown broadside /work
USER broadside
WORKDIR /work
ENTRYPOINT ["node", "/opt/broadside/bin/broadside.js", "worker"]
CMD ["--redis", "redis://redis:6379"]

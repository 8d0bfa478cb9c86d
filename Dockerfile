# journeyflow render service (Kroki's HTTP API). Stateless: run as many replicas as the load needs
# behind any load balancer; nothing is kept on disk.
#   docker build -t journeyflow .
#   docker run --rm -p 8000:8000 journeyflow
# Node 20 slim, the bundled fonts (Noto Sans Hans and its common-character subsets), no browser.

FROM node:20-slim AS build
WORKDIR /app
# mermaid-cli (an optional dependency, for `build --engine mermaid`) must not fetch a browser.
ENV PUPPETEER_SKIP_DOWNLOAD=1
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY src ./src
COPY schemas ./schemas
COPY fonts ./fonts
# npm ci runs `prepare`: TypeScript to dist/, the compiled schemas and the CLI bundle.
RUN npm ci --no-audit --no-fund

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production \
    PUPPETEER_SKIP_DOWNLOAD=1 \
    JOURNEYFLOW_NO_CACHE=1
COPY package.json package-lock.json ./
# Run-time dependencies only; --ignore-scripts: nothing is built or downloaded at this step.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY schemas ./schemas
COPY fonts ./fonts
COPY examples ./examples
USER node
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop, a rolling update) finishes the requests in flight, then exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/bin/journeyflow.js"]
CMD ["server", "--host", "0.0.0.0", "--port", "8000"]

# Pix Embed — production image on the current Node LTS. Build: docker build -t pix-embed .
# Stage 1: install everything and build the widgets.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:widgets && npm prune --omit=dev

# Stage 2: only what runs. TypeScript runs through tsx (a runtime dependency), no compile step.
FROM node:24-bookworm-slim
# xmllint validates LSU files against the ministry's schemas (mounted at LSU_SCHEMA_DIR, not shipped in the image).
RUN apt-get update && apt-get install -y --no-install-recommends libxml2-utils && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/bin ./bin
COPY --from=build --chown=node:node /app/tool ./tool
COPY --from=build --chown=node:node /app/connectors ./connectors
COPY --from=build --chown=node:node /app/referential ./referential
COPY --from=build --chown=node:node /app/widgets/dist ./widgets/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "tool/src/main.ts"]

# The API image. The database runs beside it (docker-compose.yml uses the official neo4j image), so the
# bundled Java launcher under neo4j/ is not needed here: NEO4J_URI is always set.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# Dev dependencies include tsx, which runs the TypeScript sources directly.
RUN npm ci --no-audit --no-fund --include=dev
COPY tsconfig.json ./
COPY schema ./schema
COPY seed ./seed
COPY src ./src
COPY neo4j/local-neo4j.ts ./neo4j/local-neo4j.ts
COPY client/src ./client/src
COPY schema.graphql ./schema.graphql
COPY scripts/build-web.ts ./scripts/build-web.ts
COPY web ./web
# The explorer and GraphiQL, built once into web/dist (served at / and /graphql).
RUN npx tsx scripts/build-web.ts
USER node
EXPOSE 4000
CMD ["npx", "tsx", "src/main.ts"]

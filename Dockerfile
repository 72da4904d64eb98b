# The self-service portal (`seats portal`, docs/portal.md) as a container image. The image holds
# the CLI only: the seat repository is read through the API, so nothing is mounted.
#   docker build -t seats-portal .
#   docker run -p 8080:8080 -e GITHUB_REPOSITORY=acme/copilot-seats -e GITHUB_TOKEN=… \
#     -e SEATS_PORTAL_CLIENT_ID=… -e SEATS_PORTAL_CLIENT_SECRET=… \
#     -e SEATS_PORTAL_SESSION_SECRET=… -e SEATS_PORTAL_URL=https://copilot.example.com seats-portal
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY policies/*.schema.json ./policies/
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/seats.js", "portal", "--host", "0.0.0.0", "--port", "8080"]

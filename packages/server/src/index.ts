export { startServer, type RunningServer, type StartOptions } from './server.js';
export { createApp } from './http/app.js';
export { schema } from './graphql/index.js';
export { ReadModel } from './read-model/read-model.js';

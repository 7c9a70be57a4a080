import { builder } from '../builder.js';
import './coordination-spaces.js';
import './service-results.js';
import './indicators.js';
import './sources.js';
import './import-data.js';
import './api-keys.js';

builder.mutationType({
  description:
    'Changes to the data, for internal portals and data stewards. Each needs an API key ("Authorization: Bearer <key>") with the editor role, or admin where it says so; runs in one transaction with its audit entry; and returns the changed object.',
});

// Shared state is reset per test: a test must register its own secrets, never lean on an earlier one's.
import { beforeEach } from 'vitest';
import { clearSecrets } from '../../src/core/redact.js';

beforeEach(() => clearSecrets());

import { describe, expect, it } from 'vitest';
import { createSessions, SESSION_IDLE_MS } from './sessions';

describe('editor sessions', () => {
  it('keeps a session while it is used and ends it when idle or signed out', () => {
    let now = 0;
    const sessions = createSessions(() => now);
    const token = sessions.issue('translator', ['id']);
    expect(sessions.use(token)).toMatchObject({ role: 'translator', languages: ['id'] });
    now += SESSION_IDLE_MS - 1;
    expect(sessions.use(token)).not.toBeNull();
    now += SESSION_IDLE_MS - 1;
    expect(sessions.use(token)).not.toBeNull();
    now += SESSION_IDLE_MS;
    expect(sessions.use(token)).toBeNull();
    const other = sessions.issue('curator', []);
    sessions.end(other);
    expect(sessions.use(other)).toBeNull();
    expect(sessions.use(null)).toBeNull();
    expect(sessions.use('made-up')).toBeNull();
  });
});

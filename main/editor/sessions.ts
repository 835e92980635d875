/**
 * The editor's sessions: a random token per sign-in, with the role and languages it was given, valid
 * while it is used (30 minutes after the last request) and until signed out. The PIN check itself is the
 * kiosk's (main/kiosk/staff.ts: scrypt, escalating lockout kept on disk).
 */
import { randomBytes } from 'node:crypto';
import type { EditorRole } from '../common/editorApi';

export const SESSION_IDLE_MS = 30 * 60_000;
const MAX_SESSIONS = 16;

export interface EditorSession {
  role: EditorRole;
  /** The languages a translator may edit; every exhibit language for the others. */
  languages: string[];
  expires: number;
}

export interface Sessions {
  issue(role: EditorRole, languages: string[]): string;
  /** The session of a token, its time extended; null when unknown or expired. */
  use(token: string | null): EditorSession | null;
  end(token: string | null): void;
}

export function createSessions(now: () => number = Date.now, idleMs = SESSION_IDLE_MS): Sessions {
  const sessions = new Map<string, EditorSession>();
  return {
    issue(role, languages) {
      for (const [t, s] of sessions) if (s.expires <= now()) sessions.delete(t);
      while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
      const token = randomBytes(32).toString('base64url');
      sessions.set(token, { role, languages: [...languages], expires: now() + idleMs });
      return token;
    },
    use(token) {
      if (!token) return null;
      const session = sessions.get(token);
      if (!session) return null;
      if (session.expires <= now()) {
        sessions.delete(token);
        return null;
      }
      session.expires = now() + idleMs;
      return session;
    },
    end(token) {
      if (token) sessions.delete(token);
    },
  };
}

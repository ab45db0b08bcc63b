import { randomUUID } from 'node:crypto';

/** What became of a send asked through the API. */
export interface ActionRecord {
  id: string;
  to: string;
  /** The chat's name when the send was asked. */
  toName: string;
  kind: string;
  status: 'queued' | 'sent' | 'failed';
  createdAt: string;
  msgId?: string;
  error?: { code?: string; message: string };
}

/** Most records kept; the oldest finished ones go first. */
const CAPACITY = 500;

/**
 * The API's own record of the sends it queued, so `202 { actionId }` can be followed with
 * `GET /api/messages/:id`. The outbox holds the work itself; this only remembers outcomes.
 */
export class ActionTable {
  private readonly records = new Map<string, ActionRecord>();

  add(to: string, toName: string, kind: string): ActionRecord {
    const record: ActionRecord = { id: randomUUID(), to, toName, kind, status: 'queued', createdAt: new Date().toISOString() };
    this.records.set(record.id, record);
    if (this.records.size > CAPACITY) {
      for (const [id, r] of this.records) {
        if (r.status !== 'queued') {
          this.records.delete(id);
          break;
        }
      }
    }
    return record;
  }

  get(id: string): ActionRecord | undefined {
    return this.records.get(id);
  }

  /** Newest first. */
  list(): ActionRecord[] {
    return [...this.records.values()].reverse();
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';

export const SAMPLES_DIR = path.join(__dirname, '..', '..', 'samples');

/** A GuardDuty finding event from `samples/`, with the fields the tests look at. */
export interface SampleEvent {
  readonly file: string;
  readonly event: {
    region: string;
    detail: {
      severity: number;
      type: string;
      title: string;
      description: string;
      accountId: string;
      region: string;
      id: string;
      resource: { resourceType: string };
      service: {
        count: number;
        eventFirstSeen: string;
        eventLastSeen: string;
        archived?: boolean;
        additionalInfo?: { sample?: boolean };
      };
    };
  };
}

/** Every sample finding event shipped in `samples/`. */
export function loadSamples(): SampleEvent[] {
  return fs
    .readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, event: JSON.parse(fs.readFileSync(path.join(SAMPLES_DIR, file), 'utf8')) }));
}

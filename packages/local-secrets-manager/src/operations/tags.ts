// The tag operations: TagResource, UntagResource.
import { mergeTags } from '../store.ts';
import type { Secrets } from '../store.ts';
import { findLiveSecret, readList } from './input.ts';
import type { Operations } from './input.ts';

export function tagOperations(secrets: Secrets): Operations {
  return {
    TagResource(input) {
      const secret = findLiveSecret(secrets, input);
      const tags = readList(input, 'Tags', t => typeof t?.Key === 'string');
      secret.tags = mergeTags(secret.tags, tags);
      secret.changed = Date.now();
      return {};
    },

    UntagResource(input) {
      const secret = findLiveSecret(secrets, input);
      const keys = readList(input, 'TagKeys', k => typeof k === 'string');
      secret.tags = secret.tags.filter(t => !keys.includes(t.Key));
      secret.changed = Date.now();
      return {};
    },
  };
}

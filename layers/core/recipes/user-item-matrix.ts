/**
 * Event-level Interactions aggregated into the user × item matrix most recipes start from: one
 * entry per distinct (user, item) pair, its value the sum of the pair's event weights, kept both
 * ways (by user and by item) in compressed sparse rows. Columns ascend within every row, so the
 * result does not depend on the order of a user's events.
 *
 * Built by two counting sorts and no comparison sort: events are bucketed by item (stable, so
 * each item's events run through the users in ascending order and one user's repeats sit side
 * by side, where they are merged), then the merged matrix is transposed to rows by user. O(events
 * + users + items) time, typed arrays only.
 */
import type { Interactions } from './recipe';

/** Compressed sparse rows: row r's entries are indptr[r] to indptr[r + 1] − 1. */
export interface Csr {
  rows: number;
  columns: number;
  indptr: Uint32Array;
  /** Column of each entry, ascending within a row. */
  indices: Uint32Array;
  values: Float32Array;
}

export interface UserItemMatrix {
  /** users × items: row u holds the items user u interacted with. */
  byUser: Csr;
  /** items × users, the transpose: row i holds the users who interacted with item i. */
  byItem: Csr;
}

/** The transpose, by a counting sort on columns; entries keep their row order, so columns ascend. */
export function transpose(m: Csr): Csr {
  const { rows, columns, indptr, indices, values } = m;
  const entries = indptr[rows];
  const outIndptr = new Uint32Array(columns + 1);
  for (let e = 0; e < entries; e++) outIndptr[indices[e] + 1]++;
  for (let c = 0; c < columns; c++) outIndptr[c + 1] += outIndptr[c];
  const next = outIndptr.slice(0, columns);
  const outIndices = new Uint32Array(entries);
  const outValues = new Float32Array(entries);
  for (let r = 0; r < rows; r++) {
    for (let e = indptr[r]; e < indptr[r + 1]; e++) {
      const at = next[indices[e]]++;
      outIndices[at] = r;
      outValues[at] = values[e];
    }
  }
  return {
    rows: columns,
    columns: rows,
    indptr: outIndptr,
    indices: outIndices,
    values: outValues,
  };
}

export function userItemMatrix(data: Interactions): UserItemMatrix {
  const users = data.userIds.length;
  const items = data.itemIds.length;
  const { userStart, item, weight } = data;
  const events = item.length;
  if (userStart.length !== users + 1 || userStart[users] !== events) {
    throw new RangeError(
      `Interactions.userStart must have ${users + 1} entries ending at ${events}.`,
    );
  }

  // Bucket the events by item, users ascending within a bucket.
  const start = new Uint32Array(items + 1);
  for (let e = 0; e < events; e++) start[item[e] + 1]++;
  for (let i = 0; i < items; i++) start[i + 1] += start[i];
  const next = start.slice(0, items);
  const eventUser = new Uint32Array(events);
  const eventWeight = new Float32Array(events);
  for (let u = 0; u < users; u++) {
    for (let e = userStart[u]; e < userStart[u + 1]; e++) {
      const at = next[item[e]]++;
      eventUser[at] = u;
      eventWeight[at] = weight[e];
    }
  }

  // Merge each bucket's runs of one user, compacting in place (writes never pass reads).
  const indptr = new Uint32Array(items + 1);
  let kept = 0;
  for (let i = 0; i < items; i++) {
    for (let e = start[i]; e < start[i + 1]; e++) {
      if (kept > indptr[i] && eventUser[kept - 1] === eventUser[e]) {
        eventWeight[kept - 1] += eventWeight[e];
      } else {
        eventUser[kept] = eventUser[e];
        eventWeight[kept++] = eventWeight[e];
      }
    }
    indptr[i + 1] = kept;
  }
  const byItem: Csr = {
    rows: items,
    columns: users,
    indptr,
    indices: eventUser.slice(0, kept),
    values: eventWeight.slice(0, kept),
  };
  return { byUser: transpose(byItem), byItem };
}

/**
 * A dataset group holds at most as many filters as its quota (operations/quotas.ts,
 * filtersPerDatasetGroup). Each filter claims one of the group's slots with
 * a conditional write, so concurrent creates cannot pass the limit together, as a count read
 * before writing would let them.
 *
 * The filter is created before it claims a slot and gives it back before it is deleted, so a
 * failure in between leaves a filter without a slot (harmless), never a slot held by no filter
 * (which would shrink the limit for good).
 */
import type { MetadataStore } from '../../store/ports';

const SLOT_PREFIX = 'filterSlot';
const slot = (index: number): string => `${SLOT_PREFIX}${index}`;

/** Claims a free slot for the filter; false when all are taken. */
export async function claimFilterSlot(
  metadata: MetadataStore,
  datasetGroupArn: string,
  filterArn: string,
  slots: number,
): Promise<boolean> {
  const group = await metadata.get(datasetGroupArn);
  const taken = group?.attributes ?? {};
  for (let index = 0; index < slots; index++) {
    if (taken[slot(index)] !== undefined) continue;
    // Another create may take this slot first: then try the next.
    const claimed = await metadata.update(
      datasetGroupArn,
      { attributes: { [slot(index)]: filterArn } },
      { absent: [slot(index)] },
    );
    if (claimed) return true;
  }
  return false;
}

export async function releaseFilterSlot(
  metadata: MetadataStore,
  datasetGroupArn: string,
  filterArn: string,
): Promise<void> {
  const group = await metadata.get(datasetGroupArn);
  // Every slot the filter holds, also beyond a quota lowered since it claimed one.
  for (const [name, holder] of Object.entries(group?.attributes ?? {})) {
    if (!name.startsWith(SLOT_PREFIX) || holder !== filterArn) continue;
    await metadata.update(
      datasetGroupArn,
      { attributes: { [name]: undefined } },
      { oneOf: { name, values: [filterArn] } },
    );
  }
}

import { expect, it } from 'vitest';
import type { StoreContext } from './store-context.ts';
import { at } from './store-fixtures.ts';

/** `CustomerStore`: replace-all puts, bulk reads, id-ordered paging, deletes. */
export function storeCustomerContract(context: StoreContext): void {
  it('creates a customer on put and replaces all its attributes on the next put', async () => {
    const { customers } = context.store;
    const created = await customers.put('cus_1', { plan: 'free', address: { city: 'Lyon' } }, at(1));
    expect(created).toEqual({
      id: 'cus_1',
      attributes: { plan: 'free', address: { city: 'Lyon' } },
      createdAt: at(1),
      updatedAt: at(1),
    });
    expect(await customers.get('cus_1')).toEqual(created);
    const replaced = await customers.put('cus_1', { vip: true }, at(2));
    expect(replaced).toEqual({ id: 'cus_1', attributes: { vip: true }, createdAt: at(1), updatedAt: at(2) });
    expect(await customers.get('cus_1')).toEqual(replaced);
    expect(await customers.get('cus_missing')).toBeNull();
  });

  it('fetches several customers at once, leaving out the missing ones', async () => {
    const { customers } = context.store;
    const a = await customers.put('cus_a', { n: 1 }, at(1));
    const b = await customers.put('cus_b', { n: 2 }, at(2));
    await customers.put('cus_c', { n: 3 }, at(3));
    const found = await customers.getMany(['cus_b', 'cus_missing', 'cus_a', 'cus_b']);
    expect([...found.keys()].sort()).toEqual(['cus_a', 'cus_b']);
    expect(found.get('cus_a')).toEqual(a);
    expect(found.get('cus_b')).toEqual(b);
    expect((await customers.getMany([])).size).toBe(0);
  });

  it('lists customers ordered by id, paged after the last id of the previous page', async () => {
    const { customers } = context.store;
    for (const id of ['c', 'a', 'e', 'b', 'd']) await customers.put(`cus_${id}`, { id }, at(1));
    const ids = async (options: { limit: number; after?: string }) =>
      (await customers.list(options)).map((customer) => customer.id);
    expect(await ids({ limit: 2 })).toEqual(['cus_a', 'cus_b']);
    expect(await ids({ limit: 2, after: 'cus_b' })).toEqual(['cus_c', 'cus_d']);
    expect(await ids({ limit: 2, after: 'cus_d' })).toEqual(['cus_e']);
    expect(await ids({ limit: 2, after: 'cus_e' })).toEqual([]);
    expect(await ids({ limit: 10, after: 'cus_bb' })).toEqual(['cus_c', 'cus_d', 'cus_e']);
    expect((await customers.list({ limit: 1 }))[0]).toEqual(await customers.get('cus_a'));
  });

  it('upserts a customer, saying whether it was created; replace swaps all attributes', async () => {
    const { customers } = context.store;
    const first = await customers.upsert(
      'cus_1',
      { attributes: { plan: 'free', n: 1 }, mode: 'replace' },
      at(1),
    );
    expect(first).toEqual({
      customer: { id: 'cus_1', attributes: { plan: 'free', n: 1 }, createdAt: at(1), updatedAt: at(1) },
      created: true,
    });
    const second = await customers.upsert('cus_1', { attributes: { vip: true }, mode: 'replace' }, at(2));
    expect(second).toEqual({
      customer: { id: 'cus_1', attributes: { vip: true }, createdAt: at(1), updatedAt: at(2) },
      created: false,
    });
    expect(await customers.get('cus_1')).toEqual(second.customer);
  });

  it('merges top-level attributes on upsert, removing those given as null and keeping the rest', async () => {
    const { customers } = context.store;
    await customers.put('cus_1', { plan: 'free', address: { city: 'Lyon', zip: '69001' }, score: 3 }, at(1));
    const change = {
      attributes: { plan: 'pro', address: { city: 'Paris' }, score: null },
      mode: 'merge' as const,
    };
    const merged = await customers.upsert('cus_1', change, at(2));
    expect(merged).toEqual({
      customer: {
        id: 'cus_1',
        attributes: { plan: 'pro', address: { city: 'Paris' } },
        createdAt: at(1),
        updatedAt: at(2),
      },
      created: false,
    });
    const fresh = await customers.upsert('cus_2', { attributes: { a: 1, b: null }, mode: 'merge' }, at(3));
    expect(fresh).toEqual({
      customer: { id: 'cus_2', attributes: { a: 1 }, createdAt: at(3), updatedAt: at(3) },
      created: true,
    });
  });

  it('deletes a customer and says whether it existed', async () => {
    const { customers } = context.store;
    await customers.put('cus_1', {}, at(1));
    expect(await customers.delete('cus_1')).toBe(true);
    expect(await customers.get('cus_1')).toBeNull();
    expect(await customers.delete('cus_1')).toBe(false);
  });
}

import { PrintSlots } from './print-slots';

describe('PrintSlots', () => {
  it('gives two slots at once and refuses a third that waits in vain', async () => {
    const slots = new PrintSlots(2, 30);
    const first = await slots.acquire();
    const second = await slots.acquire();
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(slots.inUse).toBe(2);
    await expect(slots.acquire()).resolves.toBeUndefined();
    expect(slots.inUse).toBe(2);
  });

  it('passes a freed slot to the one waiting, within its wait', async () => {
    const slots = new PrintSlots(2, 1000);
    const first = (await slots.acquire())!;
    await slots.acquire();
    const third = slots.acquire();
    first();
    first(); // a second release changes nothing
    await expect(third).resolves.toBeDefined();
    expect(slots.inUse).toBe(2);
  });

  it('refuses at once when told not to wait, and frees slots on release', async () => {
    const slots = new PrintSlots(1, 0);
    const only = (await slots.acquire())!;
    await expect(slots.acquire()).resolves.toBeUndefined();
    only();
    expect(slots.inUse).toBe(0);
    await expect(slots.acquire()).resolves.toBeDefined();
  });
});

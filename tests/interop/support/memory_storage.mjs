// The Storage Logto's SDKs take: an in-memory map with the async interface they expect.
export class MemoryStorage {
  items = new Map();
  async getItem(key) {
    return this.items.get(key) ?? null;
  }
  async setItem(key, value) {
    this.items.set(key, value);
  }
  async removeItem(key) {
    this.items.delete(key);
  }
}

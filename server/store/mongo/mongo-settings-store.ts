import type { Collection } from 'mongodb';
import type { SettingsStore } from '../ports/settings-store.ts';

export interface SettingDocument {
  _id: string;
  value: string;
}

export class MongoSettingsStore implements SettingsStore {
  private readonly settings: Collection<SettingDocument>;

  constructor(settings: Collection<SettingDocument>) {
    this.settings = settings;
  }

  async get(key: string): Promise<string | null> {
    return (await this.settings.findOne({ _id: key }))?.value ?? null;
  }

  async put(key: string, value: string): Promise<void> {
    await this.settings.updateOne({ _id: key }, { $set: { value } }, { upsert: true });
  }
}

import 'reflect-metadata';
import type { FieldCodec } from '../../lib/codec/field-codec';
import { Field, Model } from '../../lib/metadata/decorators';
import { modelMeta } from '../../lib/metadata/model-meta';
import { Coded, prefixCodec } from './fake-codecs';

/** A fake searchable codec: "encrypts" by prefixing, companion = 'h:' + digits. */
export const fakeSearchable: FieldCodec = {
  ...prefixCodec,
  normalize: (v) => {
    if (typeof v !== 'string') throw new Error(`cannot normalize ${String(v)}`);
    return v.replace(/\D/g, '');
  },
};

/** A fake non-searchable codec. */
export const fakeOpaque: FieldCodec = { storedType: 'string', encode: (v) => v, decode: (v) => v };


/** Fixture model covering every field type, a renamed column and two codec fields. */
@Model({ database: 'filter_spec', collection: 'people' })
export class Person {
  id!: string;
  @Field() name!: string;
  @Field({ type: 'int' }) age!: number;
  @Field({ type: 'float', nullable: true }) score?: number;
  @Field() active!: boolean;
  @Field() born!: Date;
  @Field({ type: 'json' }) address?: Record<string, unknown>;
  @Field({ type: 'decimal' }) balance!: string;
  @Field({ name: 'e_mail' }) email!: string;
  @Coded(fakeSearchable) cpf?: string;
  @Coded(fakeOpaque) notes?: string;
  greet(): string {
    return `hi ${this.name}`;
  }
}

export const personMeta = () => modelMeta(Person);

import { Transform } from 'class-transformer';

/**
 * Makes class-transformer's `instanceToPlain` / `classToPlain` (what NestJS's `ClassSerializerInterceptor`
 * calls) show an encrypted field's mask, as `toJSON()` does: with or without `excludeExtraneousValues`, under
 * any `groups`, and under an `@Expose({ name })` rename. Plain → class (`plainToInstance`, `fromPlain`) is untouched.
 *
 * @example
 * maskWhenSerialized(Patient.prototype, 'cpf', maskCPF);
 * instanceToPlain(patient).cpf; // '***.***.*47-25'
 */
export function maskWhenSerialized(target: object, property: string, mask: (plain: unknown) => unknown): void {
  Transform(({ value }: { value: unknown }) => mask(value), { toPlainOnly: true })(target, property);
}

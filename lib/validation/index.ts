export { IS_CPF, IsCPF, cpfCheckDigits, formatCPF, isCPF, normalizeCPF } from './cpf';
export { IS_CNPJ, IsCNPJ, cnpjCheckDigits, formatCNPJ, isCNPJ, normalizeCNPJ } from './cnpj';
export { IS_RG, IsRG, formatRG, isRG, normalizeRG } from './rg';
export { IS_BR_PHONE, IsBRPhone, formatBRPhone, isBRPhone, normalizeBRPhone } from './phone';
export { BR_AREA_CODES } from './phone-area-codes';
export { getValidationLocale, setValidationLocale, validationMessage } from './messages';
export type { ValidationLocale, ValidationMessageKey } from './messages';
export type { BrValidationOptions } from './define-rule';

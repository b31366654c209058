/**
 * The 67 Brazilian area codes (DDD) in use, as assigned by Anatel.
 *
 * @example
 * BR_AREA_CODES.has('11'); // true (São Paulo)
 * BR_AREA_CODES.has('20'); // false
 */
export const BR_AREA_CODES: ReadonlySet<string> = new Set([
  // São Paulo
  '11', '12', '13', '14', '15', '16', '17', '18', '19',
  // Rio de Janeiro, Espírito Santo
  '21', '22', '24', '27', '28',
  // Minas Gerais
  '31', '32', '33', '34', '35', '37', '38',
  // Paraná, Santa Catarina
  '41', '42', '43', '44', '45', '46', '47', '48', '49',
  // Rio Grande do Sul
  '51', '53', '54', '55',
  // Centre-West, Tocantins, Acre, Rondônia
  '61', '62', '63', '64', '65', '66', '67', '68', '69',
  // Bahia, Sergipe
  '71', '73', '74', '75', '77', '79',
  // North-East
  '81', '82', '83', '84', '85', '86', '87', '88', '89',
  // North, Maranhão
  '91', '92', '93', '94', '95', '96', '97', '98', '99',
]);

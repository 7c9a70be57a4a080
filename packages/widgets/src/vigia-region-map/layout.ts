/**
 * Peru's 25 departments as a tile grid: [column, row, ISO 3166-2:PE code] by INEI ubigeo code.
 * Each tile keeps its neighbours roughly where they are (north at the top, the coast on the
 * left), on a grid of 5 columns and 8 rows. Geography only: every figure comes from the API.
 */
export const GRID: Readonly<Record<string, readonly [number, number, string]>> = {
  '24': [0, 0, 'TUM'],
  '20': [0, 1, 'PIU'],
  '01': [1, 1, 'AMA'],
  '16': [2, 1, 'LOR'],
  '14': [0, 2, 'LAM'],
  '06': [1, 2, 'CAJ'],
  '22': [2, 2, 'SAM'],
  '13': [1, 3, 'LAL'],
  '10': [2, 3, 'HUC'],
  '25': [3, 3, 'UCA'],
  '02': [1, 4, 'ANC'],
  '19': [2, 4, 'PAS'],
  '07': [0, 5, 'CAL'],
  '15': [1, 5, 'LIM'],
  '12': [2, 5, 'JUN'],
  '08': [3, 5, 'CUS'],
  '17': [4, 5, 'MDD'],
  '09': [1, 6, 'HUV'],
  '05': [2, 6, 'AYA'],
  '03': [3, 6, 'APU'],
  '21': [4, 6, 'PUN'],
  '11': [1, 7, 'ICA'],
  '04': [2, 7, 'ARE'],
  '18': [3, 7, 'MOQ'],
  '23': [4, 7, 'TAC'],
};
export const COLUMNS = 5;
export const ROWS = 8;

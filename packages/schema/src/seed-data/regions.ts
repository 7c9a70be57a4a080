import type { RegionSeed } from './types.js';

/**
 * Peru's 24 departments and the Constitutional Province of Callao, with INEI's
 * ubigeo department codes (official geography, not from the briefing).
 */
export const regions: RegionSeed[] = [
  { code: '01', slug: 'amazonas', name: 'Amazonas' },
  { code: '02', slug: 'ancash', name: 'Áncash' },
  { code: '03', slug: 'apurimac', name: 'Apurímac' },
  { code: '04', slug: 'arequipa', name: 'Arequipa' },
  { code: '05', slug: 'ayacucho', name: 'Ayacucho' },
  { code: '06', slug: 'cajamarca', name: 'Cajamarca' },
  { code: '07', slug: 'callao', name: 'Callao' },
  { code: '08', slug: 'cusco', name: 'Cusco' },
  { code: '09', slug: 'huancavelica', name: 'Huancavelica' },
  { code: '10', slug: 'huanuco', name: 'Huánuco' },
  { code: '11', slug: 'ica', name: 'Ica' },
  { code: '12', slug: 'junin', name: 'Junín' },
  { code: '13', slug: 'la-libertad', name: 'La Libertad' },
  { code: '14', slug: 'lambayeque', name: 'Lambayeque' },
  { code: '15', slug: 'lima', name: 'Lima' },
  { code: '16', slug: 'loreto', name: 'Loreto' },
  { code: '17', slug: 'madre-de-dios', name: 'Madre de Dios' },
  { code: '18', slug: 'moquegua', name: 'Moquegua' },
  { code: '19', slug: 'pasco', name: 'Pasco' },
  { code: '20', slug: 'piura', name: 'Piura' },
  { code: '21', slug: 'puno', name: 'Puno' },
  { code: '22', slug: 'san-martin', name: 'San Martín' },
  { code: '23', slug: 'tacna', name: 'Tacna' },
  { code: '24', slug: 'tumbes', name: 'Tumbes' },
  { code: '25', slug: 'ucayali', name: 'Ucayali' },
];

// Reference rates (units per USD) to put every order on one scale: RFM quintiles and CLV
// compare customers across countries, so a yen must not weigh like a dollar. Override with
// settings.currencyPerUsd; a currency absent here gets a rate implied by its median order.

export const REPORTING_CURRENCY = 'USD';

export const REFERENCE_CURRENCY_PER_USD: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  CAD: 1.36,
  AUD: 1.52,
  JPY: 150,
  INR: 83,
  MXN: 17.2,
  BRL: 5.1,
  COP: 3950,
};

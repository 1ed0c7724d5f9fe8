// Valid source rows to start tests from; each test breaks what it is about.

export function order(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_id: id,
    customer_id: 1,
    order_ts: '2026-01-10 10:00:00',
    status: 'paid',
    channel: 'web',
    currency: 'EUR',
    country: 'DE',
    region: 'EMEA',
    subtotal_amount: '100.00',
    discount_amount: '10.00',
    shipping_amount: '5.00',
    tax_amount: '19.00',
    total_amount: '114.00',
    ip_address: '203.0.113.7',
    notes: 'leave at the door',
    updated_at: '2026-01-10 10:00:00',
    ...overrides,
  };
}

export function customer(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customer_id: id,
    email: `Person${id}@Example.com`,
    first_name: 'Ada',
    last_name: 'Lovelace',
    phone: '+44 20 7946 0000',
    ssn: '123-45-6789',
    date_of_birth: '1990-05-01',
    country: 'GB',
    region: 'EMEA',
    city: 'London',
    postal_code: 'N1 9GU',
    segment_hint: 'vip',
    created_at: '2025-01-01 00:00:00',
    updated_at: '2025-01-01 00:00:00',
    ...overrides,
  };
}

export function payment(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    payment_id: id,
    order_id: 1,
    customer_id: 1,
    payment_ts: '2026-01-10 10:01:00',
    method: 'card',
    card_number: '4111 1111 1111 1111',
    card_cvv: '737',
    card_expiry: '12/28',
    card_holder: 'ADA LOVELACE',
    card_brand: 'visa',
    billing_country: 'DE',
    amount: '114.00',
    currency: 'EUR',
    status: 'captured',
    ip_address: '203.0.113.7',
    device_id: 'dev-1',
    updated_at: '2026-01-10 10:01:00',
    ...overrides,
  };
}

export function orderItem(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_item_id: id,
    order_id: 1,
    product_id: 1,
    quantity: 2,
    unit_price: '50.00',
    discount: '0.00',
    updated_at: '2026-01-10 10:00:00',
    ...overrides,
  };
}

export function searchEvent(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: id,
    session_id: 's1',
    customer_id: null,
    event_ts: '2026-01-10 09:00:00',
    query_text: 'running shoes',
    results_count: 12,
    clicked_product_id: null,
    country: 'DE',
    updated_at: '2026-01-10 09:00:00',
    ...overrides,
  };
}

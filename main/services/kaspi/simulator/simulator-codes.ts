// Kaspi's StatusCodes (KASPI_QR_API.md §7) with Russian messages in Kaspi's style, and the envelope
// builders every simulator answer goes through. Negative HTTP-like codes (-400, -404) are the
// simulator's own, used only with HTTP 4xx for requests that never reach Kaspi's business logic.

export interface Envelope {
  StatusCode: number;
  Message?: string;
  message?: string;
  Data?: unknown;
}

export const CODES = {
  ok: 0,
  unavailable: -999,
  noAccess: -10000,
  deviceNotFound: -1501,
  deviceInactive: -1502,
  deviceOtherTradePoint: -1503,
  purchaseNotFound: -1601,
  noTradePoints: -14000002,
  purchaseIdNotFound: -99000001,
  tradePointNotFound: -99000002,
  tradePointMismatch: -99000003,
  refundTooMuch: -99000005,
  refundFailed: -99000006,
  refundWrongStatus: -99000011,
  partialRefundImpossible: -99000020,
  tradePointDisabled: 990000018,
  tradePointNoQr: 990000026,
  wrongAmount: 990000028,
  noPaymentMethods: 990000033,
  badRequest: -400,
  notFound: -404,
} as const;

export const MESSAGES: Record<number, string> = {
  [-999]: 'Сервис временно недоступен',
  [-10000]: 'Отсутствует клиентский сертификат или доступ запрещён',
  [-1501]: 'Устройство с заданным идентификатором не найдено',
  [-1502]: 'Устройство не активно (отключено или удалено)',
  [-1503]: 'Устройство уже добавлено в другую торговую точку',
  [-1601]: 'Покупка не найдена',
  [-14000002]: 'Отсутствуют торговые точки',
  [-99000001]: 'Покупка с заданным идентификатором не найдена',
  [-99000002]: 'Торговая точка не найдена',
  [-99000003]: 'Торговая точка покупки не совпадает с текущей',
  [-99000005]: 'Сумма возврата не может превышать сумму покупки',
  [-99000006]: 'Ошибка возврата, повторите попытку или обратитесь в банк',
  [-99000011]: 'Невозможно вернуть покупку (несоответствующий статус покупки)',
  [-99000020]: 'Частичный возврат невозможен',
  [990000018]: 'Торговая точка отключена',
  [990000026]: 'Торговая точка не принимает оплату с QR',
  [990000028]: 'Указана неверная сумма операции',
  [990000033]: 'Нет доступных методов оплаты',
};

export const ok = (Data?: unknown): Envelope => (Data === undefined ? { StatusCode: 0, Message: 'OK' } : { StatusCode: 0, Message: 'OK', Data });

export const fail = (StatusCode: number, Message = MESSAGES[StatusCode] ?? `Ошибка ${StatusCode}`): Envelope => ({
  StatusCode,
  Message,
});

/** The /test/* hooks answer with a lower-case `message` (as printed in Kaspi's doc). */
export const hookOk = (): Envelope => ({ StatusCode: 0, message: 'OK' });
export const hookFail = (StatusCode: number, message = MESSAGES[StatusCode] ?? `Ошибка ${StatusCode}`): Envelope => ({
  StatusCode,
  message,
});

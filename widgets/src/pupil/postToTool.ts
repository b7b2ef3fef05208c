/**
 * Leaves the widget for a page of the tool, posting the session token (no cookie in iframes) and one id:
 * how a finished campaign assessment reaches the campaign's results (POST /campaigns/play).
 */
export function postToTool(action: string, token: string | undefined, assessmentId: string): void {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = action;
  for (const [name, value] of [['token', token ?? ''], ['assessmentId', assessmentId]] as const) {
    const input = form.appendChild(document.createElement('input'));
    input.type = 'hidden';
    input.name = name;
    input.value = value;
  }
  document.body.appendChild(form).submit();
}

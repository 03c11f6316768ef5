// Swagger UI settings, in a file of its own: the CSP (script-src 'self') allows no inline script.
window.ui = SwaggerUIBundle({
  url: '/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  // No call to the public validator: the page talks to this server only (connect-src 'self').
  validatorUrl: null,
  // The token entered under "Authorize" stays in this tab only.
  persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout'
});

// Start Swagger UI on the app's own OpenAPI document (an external file: the CSP allows no inline script).
window.ui = globalThis.SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null, // never send the spec to the public validator
  presets: [globalThis.SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});

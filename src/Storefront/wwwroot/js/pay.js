// Opens Razorpay Standard Checkout with the options the order page wrote (razorpay-options). Razorpay posts the outcome
// to our callback_url (redirect mode), success and failure alike, so nothing here talks to our server.
(function () {
  var button = document.querySelector('[data-pay]');
  var options = document.getElementById('razorpay-options');
  if (!button || !options) return;
  function open() {
    var rzp = new window.Razorpay(JSON.parse(options.textContent));
    rzp.open();
  }
  button.addEventListener('click', function () {
    if (window.Razorpay) { open(); return; }
    button.disabled = true;
    var script = document.createElement('script');
    script.src = 'https://checkout.razorpay.com/v1/checkout.js';
    script.onload = function () { button.disabled = false; open(); };
    script.onerror = function () { button.disabled = false; alert('Razorpay could not be reached. Check your connection and try again.'); };
    document.head.appendChild(script);
  });
})();

namespace ClassifiedGateway.Gateway.Security;

/// <summary>The page the operator listener answers to a browser that presented no client certificate: what is missing and
/// what to do, in the console's four languages. It names nothing about the node or its traffic.</summary>
internal static class NoCertificatePage
{
    public const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Client certificate required</title>
        <style>body{font:15px/1.5 "DejaVu Sans",system-ui,sans-serif;max-width:46em;margin:3em auto;padding:0 1em;color:#1d2733}h1{font-size:20px}p{margin:.6em 0}</style></head>
        <body><main data-testid="no-certificate">
        <h1>Client certificate required</h1>
        <p lang="en">This is a gateway's operators' console. Your browser did not present a client certificate. Import your
        operator or observer certificate (the <code>.p12</code> file your security officer issued you, with its CA chain) into the
        browser, then close all windows of the browser and open this address again.</p>
        <p lang="ru">Требуется клиентский сертификат. Импортируйте в браузер свой сертификат оператора или наблюдателя
        (файл <code>.p12</code>), закройте все окна браузера и откройте этот адрес снова.</p>
        <p lang="kk">Клиенттік сертификат қажет. Оператордың немесе бақылаушының сертификатын (<code>.p12</code> файлы) браузерге
        импорттаңыз, браузердің барлық терезелерін жабып, осы мекенжайды қайта ашыңыз.</p>
        <p lang="tk">Müşderi şahadatnamasy gerek. Operatoryň ýa-da synçynyň şahadatnamasyny (<code>.p12</code> faýly) brauzere
        import ediň, brauzeriň ähli penjirelerini ýapyň we bu salgyny täzeden açyň.</p>
        </main></body></html>
        """;
}

package io.stow.model.config;

/**
 * Two self-signed CA certificates (EC P-256, made once with the JDK's keytool, valid for a century)
 * in PEM form, for tests that read CA files. Parsing never checks validity dates, so fixed text
 * keeps these tests deterministic.
 */
public final class TestCaPem {

  /** {@code CN=stow test CA one}. */
  public static final String ONE =
      ""
          + "-----BEGIN CERTIFICATE-----\n"
          + "MIIBYDCCAQagAwIBAgIICTx2h3iitxAwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAxMQ\n"
          + "c3RvdyB0ZXN0IENBIG9uZTAgFw0yNjExMjkxMDMzMjlaGA8yMTI2MTEwNTEwMzMy\n"
          + "OVowGzEZMBcGA1UEAxMQc3RvdyB0ZXN0IENBIG9uZTBZMBMGByqGSM49AgEGCCqG\n"
          + "SM49AwEHA0IABHB0Ml8Nd+okNWTcZSsZtQbL1vmZATpJNaQcp1AplCxO4WJ49o/x\n"
          + "kms+93HC6v3HoaXeU6JHzYQFMRtG58J+cTKjMjAwMB0GA1UdDgQWBBQ2KpcPWDhO\n"
          + "UqektktSwC/EsGLRJjAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUC\n"
          + "IQCuli/RDbToRwmHM8fHbvGvp8STQiQQR+UpJJPcdXcCVAIgSL+JHBbyJGAFGtdt\n"
          + "JcMgu8Lrhn7UV7eVcdE0UeaLB84=\n"
          + "-----END CERTIFICATE-----\n";

  /** {@code CN=stow test CA two}. */
  public static final String TWO =
      ""
          + "-----BEGIN CERTIFICATE-----\n"
          + "MIIBYDCCAQagAwIBAgIIAPv1SebvyCUwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAxMQ\n"
          + "c3RvdyB0ZXN0IENBIHR3bzAgFw0yNjExMjkxMDMzMzBaGA8yMTI2MTEwNTEwMzMz\n"
          + "MFowGzEZMBcGA1UEAxMQc3RvdyB0ZXN0IENBIHR3bzBZMBMGByqGSM49AgEGCCqG\n"
          + "SM49AwEHA0IABN2LWv/ZDu6t5DxpQvfvMq0qE/PapaFO2EbPL5Pgzd7VWHxO0QZ5\n"
          + "f138t4uOxPlMQzk5RVGTA5jgPk84JHTOZKGjMjAwMB0GA1UdDgQWBBRmJmCAK447\n"
          + "mIeNMwTK8JmirevIyzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUC\n"
          + "IFFbCwm7HAzn3k6sXgGQeXbghxal0ygYnRUXEFneXpfJAiEAtfohjsHkjcK/UVfs\n"
          + "HKgUWl8YHA5fZk26tmBaV1IzdG8=\n"
          + "-----END CERTIFICATE-----\n";

  private TestCaPem() {}
}

package io.fruits.pipeline.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/**
 * The Main-Class of the cluster jar: from the built jar's manifest when the jar exists, else from
 * the shade plugin's manifest transformer in pom.xml, which writes that manifest.
 */
final class JarMainClass {

  private JarMainClass() {}

  static String read() throws Exception {
    Path jar = ProjectFiles.buildDir().resolve("fruits-pipeline.jar");
    if (Files.isRegularFile(jar)) {
      try (JarFile file = new JarFile(jar.toFile())) {
        String main = file.getManifest().getMainAttributes().getValue("Main-Class");
        if (main == null) {
          throw new AssertionError(jar + " has no Main-Class");
        }
        return main;
      }
    }
    return fromPom(ProjectFiles.root().resolve("pom.xml"));
  }

  static String fromPom(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    Document document = factory.newDocumentBuilder().parse(pom.toFile());
    String main = XPathFactory.newInstance().newXPath().evaluate(
        "//*[local-name()='plugin'][*[local-name()='artifactId']='maven-shade-plugin']"
            + "//*[local-name()='transformer'][contains(@implementation,'ManifestResourceTransformer')]"
            + "/*[local-name()='mainClass']", document).trim();
    if (main.isEmpty()) {
      throw new IOException(pom + " sets no Main-Class in the shade plugin's ManifestResourceTransformer");
    }
    return main;
  }
}
